"""S3 upload -> thumbnail. Entry point: thumbnail.handler.lambda_handler."""
