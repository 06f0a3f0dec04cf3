output "queues" {
  description = "Each queue by key: arn, url, name."
  value       = { for key, q in aws_sqs_queue.this : key => { arn = q.arn, url = q.url, name = q.name } }
}

output "dead_letter_queues" {
  description = "Each queue's dead-letter queue by the queue's key: arn, url, name."
  value       = { for key, q in aws_sqs_queue.dead_letter : key => { arn = q.arn, url = q.url, name = q.name } }
}
