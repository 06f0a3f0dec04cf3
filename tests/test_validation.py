"""Every bad input gets its own clear message at plan time.

tests/plan_invalid holds one module call per bad input; it is planned once and
each call must fail with exactly the message named here. tests/plan_preconditions
does the same for inputs that are only wrong together.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.plan

VARIABLE_CASES = {
    "rds_name_caps": "name must be 3-40 lowercase letters, digits or '-', starting with a letter",
    "rds_engine_mariadb": "database.engine must be postgres, mysql, aurora-postgresql or aurora-mysql",
    "rds_instance_class_bad": "database.instance_class must be an RDS instance class such as db.t4g.medium.",
    "rds_instance_count_16": "database.instance_count must be from 1 to 15.",
    "rds_storage_10": "database.allocated_storage must be from 20 to 65536 GB.",
    "rds_db_name_bad": "database.db_name (up to 63) and master_username (up to 16) must be letters",
    "rds_backup_0": "database.backup_retention_period must be from 1 to 35 days",
    "rds_kms_bad": "database.storage_kms_key_arn and secret_kms_key_arn must be KMS key ARNs",
    "rds_db_user_bad": "db_user must be letters, digits or '_', starting with a letter.",
    "rds_proxy_idle_0": "proxy.idle_client_timeout must be from 1 to 28800 seconds.",
    "rds_proxy_idle_above_max": "max_idle_connections_percent 0 up to max_connections_percent",
    "rds_proxy_borrow": "proxy.connection_borrow_timeout must be from 0 to 3600 seconds.",
    "rds_vpc_cidr_8": "vpc_cidr must be an IPv4 CIDR from /16 to /24",
    "rds_az_4": "availability_zone_count must be 2 or 3",
    "rds_nat_bad": "nat_gateway must be NONE, SINGLE or PER_AZ.",
    "rds_vpc_id_bad": "vpc_id must be a VPC ID (vpc-...).",
    "rds_subnet_bad": "private_subnet_ids must be subnet IDs (subnet-...).",
    "rds_endpoint_bad": "interface_endpoints must be service names as in com.amazonaws.<region>.<service>",
    "api_name_bad": "name must be 1-48 letters, digits, '-' or '_'.",
    "api_endpoint_edge": "endpoint_type must be REGIONAL or PRIVATE",
    "api_route_path_no_slash": 'routes: path must be "/" or 1-5 segments like /orders/{id}',
    "api_route_too_deep": 'routes: path must be "/" or 1-5 segments like /orders/{id}',
    "api_route_method_bad": "routes: method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY.",
    "api_route_duplicate": "routes: two routes have the same method and path.",
    "api_no_routes": "routes must have at least one route.",
    "api_route_open_by_default": "a route with authorization NONE must say allow_unauthenticated = true",
    "api_route_custom_without_authorizer": "authorizer is required with authorization COGNITO_USER_POOLS or CUSTOM",
    "api_route_validate_bad": "routes: validate must be body, params or all.",
    "api_route_schema_not_json": "routes: request_schema must be a JSON schema object",
    "api_timeout_30001": "routes: integration.timeout_milliseconds must be from 50 to 29000.",
    "api_proxy_with_templates": "a proxy route (LAMBDA_PROXY, HTTP_PROXY, PRIVATE) passes the request",
    "api_lambda_without_arn": "integration.lambda_function_arn is required for LAMBDA_PROXY and LAMBDA routes",
    "api_lambda_arn_bad": "routes: integration.lambda_function_arn must be a Lambda function ARN.",
    "api_http_without_uri": "integration.uri is required for HTTP_PROXY, HTTP and PRIVATE routes",
    "api_http_uri_ftp": "routes: integration.uri must be an http:// or https:// URL.",
    "api_service_without_action": "an AWS_SERVICE route needs integration.aws_service = { action, resource_arn }",
    "api_service_action_unsupported": 'integration.aws_service must be action "sqs:SendMessage" with a queue ARN',
    "api_service_dynamodb_without_template": "a dynamodb:PutItem route needs request_templates",
    "api_mock_without_responses": "MOCK, LAMBDA and HTTP routes need responses",
    "api_response_code_bad": "integration.responses keys must be HTTP status codes (100-599).",
    "api_two_default_responses": "exactly one of a route's responses must have no selection_pattern",
    "api_integration_type_bad": "integration.type must be LAMBDA_PROXY, LAMBDA, MOCK, HTTP_PROXY, HTTP, PRIVATE or",
    "api_stage_cache_size": "cache_size must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 (GB)",
    "api_stage_logging_level": "logging_level must be OFF, ERROR or INFO.",
    "api_stage_log_retention": "access_log_retention_in_days must be a CloudWatch Logs retention value",
    "api_waf_arn": "waf_acl_arn must be a regional WAFv2 web ACL ARN",
    "api_vpc_link_both": "vpc_link must set exactly one of id or target_arns.",
    "api_vpc_link_alb": "vpc_link.target_arns must be Network Load Balancer ARNs",
    "api_authorizer_cognito_without_pools": "authorizers: type COGNITO_USER_POOLS needs user_pool_arns",
    "api_vpce_bad": "vpc_endpoint_ids must be VPC endpoint IDs (vpce-...).",
    "lwl_memory_64": "memory_size must be a whole number of MB from 128 to 10240.",
    "lwl_memory_10241": "memory_size must be a whole number of MB from 128 to 10240.",
    "lwl_timeout_901": "timeout must be a whole number of seconds from 1 to 900.",
    "lwl_timeout_0": "timeout must be a whole number of seconds from 1 to 900.",
    "lwl_runtime_unknown": "runtime must be a supported Lambda runtime",
    "lwl_architecture": "architecture must be 'x86_64' or 'arm64'.",
    "lwl_ephemeral_256": "ephemeral_storage_size must be from 512 to 10240 MB.",
    "lwl_reserved_minus_2": "reserved_concurrent_executions must be -1 (unreserved) or a whole number >= 0.",
    "lwl_env_reserved_key": "environment_variables may not set a key Lambda reserves",
    "lwl_env_bad_key": "environment_variables keys must start with a letter",
    "lwl_log_retention_42": "log_retention_in_days must be one CloudWatch accepts",
    "lwl_log_format": "log_format must be 'JSON' or 'Text'.",
    "lwl_tracing": "tracing_mode must be 'Active' or 'PassThrough'.",
    "lwl_kms_not_arn": "kms_key_arn must be a KMS key ARN",
    "lwl_layer_arn_unversioned": "layer_arns must be layer version ARNs",
    "lwl_layer_missing_zip": "Every layers[*].path must name an existing zip",
    "lwl_policy_wildcard": "policy_statements may not allow wildcard actions",
    "lwl_policy_get_star": "policy_statements may not allow wildcard actions",
    "lwl_dead_letter_not_queue": "dead_letter_target_arn must be an SQS queue or SNS topic ARN.",
    "lwl_async_retries_3": "async_invocation.maximum_retry_attempts must be 0, 1 or 2.",
    "lwl_async_age_30": "async_invocation.maximum_event_age_in_seconds must be from 60 to 21600.",
    "lwl_async_destination_s3": "async_invocation destinations must be SQS queue, SNS topic, Lambda function",
    "lwl_url_auth": "function_url.auth_type must be 'AWS_IAM' or 'NONE'.",
    "lwl_alias_digits": "alias.name must be 1-128 letters, digits, '-' or '_', and not only digits",
    "lwl_trigger_s3_no_account": "an S3 trigger needs source_account",
    "lwl_trigger_account_principal": "allowed_triggers[*].principal must be a service principal",
    "lwl_trigger_no_arn": "allowed_triggers[*].source_arn must be the ARN of the resource allowed to invoke",
    "lwl_esm_arn": "event_source_arn must be an SQS queue, DynamoDB stream",
    "lwl_esm_sqs_starting_position": "starting_position LATEST, TRIM_HORIZON or AT_TIMESTAMP; SQS sources take none.",
    "lwl_esm_stream_no_position": "stream sources need starting_position LATEST, TRIM_HORIZON or AT_TIMESTAMP",
    "lwl_esm_fifo_batch_20": "batch_size must be 1-10000 (1-10 for a FIFO queue).",
    "lwl_esm_sqs_batch_no_window": "an SQS batch_size over 10 needs maximum_batching_window_in_seconds of at least 1.",
    "lwl_esm_filter_not_json": "filter_patterns must each be a JSON object",
    "lwl_esm_six_filters": "filter_patterns takes at most 5 patterns.",
    "lwl_esm_sqs_bisect": "apply to stream sources only; an SQS source fails over through its queue's redrive policy.",
    "lwl_esm_window_301": "maximum_batching_window_in_seconds must be 0-300.",
    "lwl_package_two_sources": "package must set exactly one source: path (a local zip) or s3_bucket with s3_key.",
    "lwl_package_missing_zip": "package.path names no file. Build the zip first",
    "lwl_name_too_long": "name must be 1-60 characters of letters, digits, '-' or '_'",
    "fan_name_bad": "name must be 1-40 letters, digits, '-' or '_'",
    "fan_subscriber_key_upper": "subscribers keys must be 1-30 lowercase letters, digits, '-' or '_'",
    "fan_filter_not_json": "subscribers[*].filter_policy must be a JSON object",
    "fan_filter_scope": "subscribers[*].filter_policy_scope must be 'MessageAttributes' or 'MessageBody'.",
    "fan_max_receive_0": "subscribers[*].max_receive_count must be from 1 to 1000",
    "fan_retention_short_dlq": "dlq_message_retention_seconds must be at least message_retention_seconds",
    "fan_visibility_below_6x": "visibility_timeout_seconds must be at least 6 times the consumer's timeout",
    "fan_consumer_batch_0": "subscribers[*].consumer: batch_size 1-10000",
    "fan_publisher_not_service": "publishers.services[*].service must be a service principal",
    "fan_publisher_no_source": "publishers.services[*].source_arns must list at least one ARN",
    "fan_publisher_principal": "publishers.principals must be 12-digit account ids or IAM role, user or root ARNs",
    "fan_queue_key_aws_managed": "queue_kms_key_id cannot be alias/aws/sqs: SNS is not allowed to use",
    "pipe_name_too_long": "name must be 1-56 letters, digits, '-' or '_'",
    "pipe_desired_state": "desired_state must be 'RUNNING' or 'STOPPED'.",
    "pipe_source_both": "pipe_source must set exactly one of dynamodb_stream or sqs_queue.",
    "pipe_source_none": "pipe_source must set exactly one of dynamodb_stream or sqs_queue.",
    "pipe_stream_arn_table": "pipe_source.dynamodb_stream.stream_arn must be a DynamoDB stream ARN",
    "pipe_stream_at_timestamp": "pipe_source.dynamodb_stream: starting_position LATEST or TRIM_HORIZON",
    "pipe_queue_batch_no_window": "over 10 needs maximum_batching_window_in_seconds of at least 1",
    "pipe_six_filters": "filter_patterns takes at most 5 patterns.",
    "pipe_filter_not_json": "filter_patterns must each be a JSON object",
    "pipe_enrichment_both": "enrichment must set exactly one of lambda_function_arn or api_destination_arn.",
    "pipe_enrichment_not_function": "enrichment.lambda_function_arn must be a Lambda function ARN",
    "pipe_target_s3": "target.arn must be a Lambda function, SQS queue, SNS topic, Step Functions state machine",
    "pipe_invocation_type_bad": "target.invocation_type must be 'REQUEST_RESPONSE' or 'FIRE_AND_FORGET'.",
    "pipe_invocation_type_on_sqs": "target.invocation_type applies to Lambda and Step Functions targets only.",
    "pipe_fifo_without_group": "target.message_group_id is required for a FIFO queue target",
    "pipe_detail_type_on_sqs": "target.detail_type and event_source apply to EventBridge bus targets only.",
    "pipe_log_level": "logging.level must be OFF, ERROR, INFO or TRACE.",
    "pipe_log_retention_42": "logging.retention_in_days must be one CloudWatch accepts",
    "pipe_kms_alias": "kms_key_arn must be a KMS key ARN",
}

# Precondition errors name no module call, so each message starts with the
# function's name (which also tells a user which call failed).
PRECONDITION_CASES = {
    "rds-existing-one-subnet": "rds-existing-one-subnet: with create_vpc = false, vpc_id and at least 2 private",
    "rds-existing-with-nat": "rds-existing-with-nat: nat_gateway applies to a VPC the module creates",
    "api-private-route-without-link": "api-private-route-without-link: PRIVATE routes need var.vpc_link",
    "api-private-without-endpoints": "api-private-without-endpoints: a PRIVATE API needs vpc_endpoint_ids",
    "api-authorizer-unknown-key": "api-authorizer-unknown-key: a route names an authorizer that is not a key",
    "api-key-required-without-keys": "api-key-required-without-keys: a route requires an API key but var.api_keys",
    "lwl-six-layers": "lwl-six-layers: A function takes at most 5 layers; layers and layer_arns name 6.",
    "lwl-vpc-without-sg": "lwl-vpc-without-sg: vpc_subnet_ids needs vpc_security_group_ids",
    "lwl-no-role": "lwl-no-role: With create_role = false, role_arn must name the execution role.",
    "fan-fifo-std/audit": "fan-fifo-std/audit: a FIFO topic delivers only to FIFO queues",
    "fan-std-fifo/audit": "fan-std-fifo/audit: a standard topic cannot deliver to a FIFO queue",
    "fan-fifo-batch/ledger": "fan-fifo-batch/ledger: a FIFO queue hands Lambda batches of at most 10 messages",
    "fan-dedup": "fan-dedup: content_based_deduplication applies to FIFO topics only",
}


@pytest.mark.parametrize(("case", "message"), sorted(VARIABLE_CASES.items()))
def test_bad_input_fails_with_its_message(invalid_plan_errors, case, message):
    errors = invalid_plan_errors.get(case)
    assert errors, f"{case}: plan accepted the bad input"
    # One clear message for the one thing that is wrong, not a pile of them.
    assert [e.message for e in errors if message in e.message], [e.message for e in errors]
    assert len(errors) == 1, [e.message for e in errors]


def test_every_invalid_case_is_named(invalid_plan_errors):
    # A module call in plan_invalid/ without an expected message is an untested case.
    assert set(invalid_plan_errors) == set(VARIABLE_CASES)


@pytest.mark.parametrize(("function", "message"), sorted(PRECONDITION_CASES.items()))
def test_inputs_wrong_together_fail_with_their_message(precondition_errors, function, message):
    messages = [e.message for errors in precondition_errors.values() for e in errors]
    assert [m for m in messages if m.startswith(message)], messages


def test_every_precondition_case_is_named(precondition_errors):
    messages = [e.message for errors in precondition_errors.values() for e in errors]
    assert sorted(m.split(":")[0] for m in messages) == sorted(PRECONDITION_CASES)
