module "example_thumbnails" {
  source = "../../examples/thumbnails"
}

module "example_order_fanout" {
  source = "../../examples/order-fanout"
}

module "example_order_pipeline" {
  source = "../../examples/order-pipeline"
}

module "example_contact_form" {
  source = "../../examples/contact-form"
}

module "example_integration_types" {
  source = "../../examples/integration-types"
}

module "example_orders_db" {
  source = "../../examples/orders-db"
}

module "example_web_service" {
  source = "../../examples/web-service"
}
