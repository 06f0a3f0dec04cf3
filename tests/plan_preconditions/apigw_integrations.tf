# Inputs that are only wrong together: preconditions, named in tests/test_validation.py.

module "api_private_route_without_link" {
  source = "../../modules/apigw-integrations"
  name   = "api-private-route-without-link"
  routes = { internal = { path = "/", method = "GET", authorization = "AWS_IAM", integration = { type = "PRIVATE", uri = "http://internal.example.com/" } } }
}

module "api_private_without_endpoints" {
  source        = "../../modules/apigw-integrations"
  name          = "api-private-without-endpoints"
  endpoint_type = "PRIVATE"
  routes        = { status = { path = "/", method = "GET", authorization = "AWS_IAM", integration = { type = "MOCK", responses = { "200" = {} } } } }
}

module "api_authorizer_unknown_key" {
  source = "../../modules/apigw-integrations"
  name   = "api-authorizer-unknown-key"
  routes = { status = { path = "/", method = "GET", authorization = "CUSTOM", authorizer = "nobody", integration = { type = "MOCK", responses = { "200" = {} } } } }
}

module "api_key_required_without_keys" {
  source = "../../modules/apigw-integrations"
  name   = "api-key-required-without-keys"
  routes = { status = { path = "/", method = "GET", allow_unauthenticated = true, api_key_required = true, integration = { type = "MOCK", responses = { "200" = {} } } } }
}
