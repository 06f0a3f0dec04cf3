# GET /labels/{label}?limit=&next= answers the images with that label, straight from one
# DynamoDB Query on the label's index entries: no function in the path.
locals {
  # limit: 1-100 (25 when absent); anything else becomes 0, which DynamoDB refuses, and the
  # refusal is the 400 below. next: the last key of the previous page, base64; it only ever
  # fills in the sort key of this label's partition, escaped, so it cannot widen the query.
  query_labels = <<-VTL
    #set($limit = $input.params('limit'))
    #set($next = $input.params('next'))
    {
      "TableName": "${var.name}",
      "KeyConditionExpression": "pk = :pk",
      "ExpressionAttributeValues": {":pk": {"S": "label#$util.escapeJavaScript($input.params('label').toLowerCase()).replaceAll("\\'", "'")"}},
      "ProjectionExpression": "sk, confidence",
      "Limit": #if($limit == "")25#elseif($limit.matches("[1-9][0-9]?|100"))$limit#{else}0#end
      #if($next != ""),
      "ExclusiveStartKey": {
        "pk": {"S": "label#$util.escapeJavaScript($input.params('label').toLowerCase()).replaceAll("\\'", "'")"},
        "sk": {"S": "$util.escapeJavaScript($util.base64Decode($next)).replaceAll("\\'", "'")"}
      }
      #end
    }
  VTL

  labels_answer = <<-VTL
    #set($items = $input.path('$.Items'))
    #set($last = $input.path('$.LastEvaluatedKey.sk.S'))
    {
      "label": "$util.escapeJavaScript($input.params('label')).replaceAll("\\'", "'")",
      "images": [
    #foreach($item in $items)
        {"key": "$util.escapeJavaScript($item.sk.S).replaceAll("\\'", "'")", "confidence": $item.confidence.N}#if($foreach.hasNext),#end
    #end
      ],
      "next": #if("$!last" != "")"$util.base64Encode($last)"#{else}null#end
    }
  VTL
}

# Stage logs need API Gateway's CloudWatch role, set once per account and region: here so
# the example works in a fresh account. Where your account baseline sets it, leave this
# module out, and account_cloudwatch_role_arn below.
module "apigw_account" {
  source = "../../modules/apigw-account"

  role_name = "${var.name}-apigw-cloudwatch"
}

module "api" {
  source = "../../modules/apigw-integrations"

  # The stage waits for the account's logging role (below).
  account_cloudwatch_role_arn = module.apigw_account.cloudwatch_role_arn

  name        = var.name
  description = "Images by label, from the labels table's index entries"

  routes = {
    labels = {
      path          = "/labels/{label}"
      method        = "GET"
      authorization = "AWS_IAM"
      validate      = "params"
      request_parameters = {
        "method.request.querystring.limit" = false
        "method.request.querystring.next"  = false
      }
      integration = {
        type              = "AWS_SERVICE"
        aws_service       = { action = "dynamodb:Query", resource_arn = local.table_arn }
        request_templates = { "application/json" = local.query_labels }
        responses = {
          "200" = { templates = { "application/json" = local.labels_answer } }
          "400" = {
            selection_pattern = "400"
            templates         = { "application/json" = "{\"message\": \"limit must be a whole number from 1 to 100, and next a token from this API's previous page.\"}" }
          }
          "500" = {
            selection_pattern = "5\\d{2}"
            templates         = { "application/json" = "{\"message\": \"The labels could not be read; try again later.\"}" }
          }
        }
      }
    }
  }

  stage_name             = "v1"
  throttling_rate_limit  = 50
  throttling_burst_limit = 100
}
