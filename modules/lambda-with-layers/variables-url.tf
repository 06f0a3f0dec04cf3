################################################################################
# Function URL
################################################################################

variable "function_url" {
  description = "Create a function URL. auth_type AWS_IAM (the default; NONE is refused on provider 5.x, see README \"Function URLs\") requires SigV4-signed callers allowed lambda:InvokeFunctionUrl and lambda:InvokeFunction on the function."
  type = object({
    auth_type             = optional(string, "AWS_IAM")
    allow_unauthenticated = optional(bool, false)
    invoke_mode           = optional(string, "BUFFERED")
    cors = optional(object({
      allow_credentials = optional(bool, false)
      allow_headers     = optional(list(string), [])
      allow_methods     = optional(list(string), ["GET"])
      allow_origins     = list(string)
      expose_headers    = optional(list(string), [])
      max_age           = optional(number, 0)
    }))
  })
  default = null

  validation {
    condition     = var.function_url == null || contains(["AWS_IAM", "NONE"], try(var.function_url.auth_type, ""))
    error_message = "function_url.auth_type must be 'AWS_IAM' or 'NONE'."
  }

  # AWS answers a public URL created since October 2025 only when the function's policy grants
  # lambda:InvokeFunctionUrl and lambda:InvokeFunction limited to URL calls
  # (lambda:InvokedViaFunctionUrl); provider 5.x's aws_lambda_permission cannot write that
  # condition, and lambda:InvokeFunction to "*" without it would open the Invoke API to anyone.
  validation {
    condition     = try(var.function_url.auth_type, "AWS_IAM") != "NONE"
    error_message = "function_url.auth_type NONE cannot work with AWS provider 5.x: AWS serves a public URL only when the function's policy also grants lambda:InvokeFunction limited to URL calls (lambda:InvokedViaFunctionUrl, required since October 2025), which provider 5.x's aws_lambda_permission cannot write; the URL would answer 403. Keep AWS_IAM and sign requests, or put API Gateway or CloudFront in front."
  }

  validation {
    condition     = var.function_url == null || contains(["BUFFERED", "RESPONSE_STREAM"], try(var.function_url.invoke_mode, ""))
    error_message = "function_url.invoke_mode must be 'BUFFERED' or 'RESPONSE_STREAM'."
  }

  validation {
    condition     = try(var.function_url.cors.max_age, 0) >= 0 && try(var.function_url.cors.max_age, 0) <= 86400
    error_message = "function_url.cors.max_age must be from 0 to 86400 seconds."
  }
}
