# A function with the module's async dead-letter queue: aws_sqs_queue.dead_letter in
# 0.1.0, aws_sqs_queue.async_dead_letter since (modules/lambda-with-layers/dead_letter.tf).
module "subject" {
  source = "./library/lambda-with-layers"

  name    = "moved-function"
  handler = "thumbnail.handler.lambda_handler"
  runtime = "python3.12"
  package = { path = "${path.module}/build/functions/thumbnail.zip" }
}
