"""What stands in for AWS's own runtime: deployed handlers run in-process, the events
AWS would deliver, the SQS poller, the DynamoDB stream pipe, API calls, test images."""
