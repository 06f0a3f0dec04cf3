module "example_thumbnails" {
  source = "../../examples/thumbnails"
}
