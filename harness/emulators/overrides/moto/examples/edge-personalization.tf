# Written by the harness into the staged example for moto runs only; not part of the example.
# moto deploys nothing to an edge: the provider would poll its distribution status for
# "Deployed" after every create, update and disable (30 s each here).
resource "aws_cloudfront_distribution" "shop" {
  wait_for_deployment = false
}
