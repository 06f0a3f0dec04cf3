# Written by the harness into every root it applies on an emulator; not part of the root.
# The AWS provider reads AWS_ENDPOINT_URL from the environment but has no environment
# switch for path-style S3: with a hostname endpoint (localhost) it would address
# `bucket.localhost`, which does not resolve. An override merges into the root's own
# provider "aws" block.
provider "aws" {
  s3_use_path_style = true
}
