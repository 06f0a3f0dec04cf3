# A topic with two subscribers' queues and dead-letter queues: written out in the module
# (aws_sqs_queue.this, .dead_letter and their policies) in 0.1.0, in its internal
# modules/queue-with-dead-letter (module.queues) since.
module "subject" {
  source = "./library/sns-sqs-fanout"

  name = "moved-fanout"
  subscribers = {
    audit = {}
    paid  = { filter_policy = jsonencode({ status = ["PAID"] }) }
  }
}
