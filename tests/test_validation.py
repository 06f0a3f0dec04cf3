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
    "api_route_path_no_slash": 'routes["status"]: path must be "/" or 1-5 segments like /orders/{id}',
    "api_route_too_deep": 'routes["status"]: path must be "/" or 1-5 segments like /orders/{id}',
    "api_route_method_bad": (
        'routes["status"]: method must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS, ANY.'
    ),
    "api_route_duplicate": "routes: two routes have the same method and path.",
    "api_no_routes": "routes must have at least one route.",
    "api_route_open_by_default": "a route with authorization NONE must say allow_unauthenticated = true",
    "api_route_custom_without_authorizer": "authorizer is required with authorization COGNITO_USER_POOLS or CUSTOM",
    "api_route_validate_bad": 'routes["status"]: validate must be body, params or all.',
    "api_route_schema_not_json": 'routes["status"]: request_schema must be a JSON schema object',
    "api_timeout_30001": 'routes["status"]: integration.timeout_milliseconds must be from 50 to 29000.',
    "api_proxy_with_templates": "a proxy route (LAMBDA_PROXY, HTTP_PROXY, PRIVATE) passes the request",
    "api_lambda_without_arn": "integration.lambda_function_arn is required for LAMBDA_PROXY and LAMBDA routes",
    "api_lambda_arn_bad": (
        'routes["status"]: integration.lambda_function_arn must be a Lambda function ARN (or its API Gateway'
    ),
    "api_http_without_uri": "integration.uri is required for HTTP_PROXY, HTTP and PRIVATE routes",
    "api_http_uri_ftp": 'routes["status"]: integration.uri must be an http:// or https:// URL.',
    "api_service_without_action": "an AWS_SERVICE route needs integration.aws_service = { action, resource_arn }",
    "api_service_action_unsupported": 'integration.aws_service must be action "sqs:SendMessage" with a queue ARN',
    "api_service_dynamodb_without_template": "a dynamodb:PutItem route needs request_templates",
    "api_mock_without_responses": "MOCK, LAMBDA and HTTP routes need responses",
    "api_response_code_bad": "integration.responses keys must be HTTP status codes (100-599).",
    "api_two_default_responses": "exactly one of a route's responses must have no selection_pattern",
    "api_integration_type_bad": "integration.type must be LAMBDA_PROXY, LAMBDA, MOCK, HTTP_PROXY, HTTP, PRIVATE or",
    "api_stage_cache_size": "cache_size must be one of 0.5, 1.6, 6.1, 13.5, 28.4, 58.2, 118, 237 (GB)",
    "api_stage_logging_level": "logging_level must be OFF, ERROR or INFO.",
    "api_stage_log_retention": "access_log_retention_in_days must be a CloudWatch Logs retention value: 1, 3,",
    "api_waf_arn": "waf_acl_arn must be a regional WAFv2 web ACL ARN",
    "api_vpc_link_both": "vpc_link must set exactly one of id or target_arns.",
    "api_vpc_link_alb": "vpc_link.target_arns must be Network Load Balancer ARNs",
    "api_authorizer_cognito_without_pools": 'authorizers["users"]: type COGNITO_USER_POOLS needs user_pool_arns',
    "api_vpce_bad": "vpc_endpoint_ids must be VPC endpoint IDs (vpce-...).",
    "lwl_memory_64": "memory_size must be a whole number of MB from 128 to 10240.",
    "lwl_memory_10241": "memory_size must be a whole number of MB from 128 to 10240.",
    "lwl_timeout_901": "timeout must be a whole number of seconds from 1 to 900.",
    "lwl_timeout_0": "timeout must be a whole number of seconds from 1 to 900.",
    "lwl_runtime_unknown": "runtime must be a supported Lambda runtime",
    "lwl_architecture": "architecture must be 'x86_64' or 'arm64'.",
    "lwl_ephemeral_256": "ephemeral_storage_size must be from 512 to 10240 MB.",
    "lwl_reserved_minus_2": "reserved_concurrent_executions must be -1 (unreserved) or a whole number >= 0.",
    "lwl_env_reserved_key": 'environment_variables["AWS_REGION"]: may not set a key Lambda reserves',
    "lwl_env_bad_key": 'environment_variables key "1BAD" cannot be used: keys must start with a letter',
    "lwl_log_retention_42": "log_retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5, 7, 14,",
    "lwl_log_format": "log_format must be 'JSON' or 'Text'.",
    "lwl_tracing": "tracing_mode must be 'Active' or 'PassThrough'.",
    "lwl_kms_not_arn": "kms_key_arn must be a KMS key ARN",
    "lwl_layer_arn_unversioned": "layer_arns must be layer version ARNs",
    "lwl_layer_missing_zip": "Every layers[*].path must name an existing zip",
    "lwl_dead_letter_not_queue": "dead_letter_target_arn must be an SQS queue or SNS topic ARN.",
    "lwl_async_retries_3": "async_invocation.maximum_retry_attempts must be 0, 1 or 2.",
    "lwl_async_age_30": "async_invocation.maximum_event_age_in_seconds must be from 60 to 21600.",
    "lwl_async_destination_s3": "async_invocation destinations must be SQS queue, SNS topic, Lambda function",
    "lwl_url_auth": "function_url.auth_type must be 'AWS_IAM' or 'NONE'.",
    "lwl_alias_digits": "alias.name must be 1-128 letters, digits, '-' or '_', and not only digits",
    "lwl_trigger_wildcard_source": "allowed_triggers[\"sns\"].source_arn must name one resource: '*' and '?'",
    "lwl_url_public_by_default": "function_url.auth_type NONE lets anyone on the internet invoke the function",
    "lwl_dead_letter_key_alias": "dead_letter_queue_kms_key_arn must be a KMS key ARN",
    "fan_publisher_wildcard_source": "publishers.services[*].source_arns must each name one resource",
    "pipe_source_key_alias": "pipe_source.sqs_queue.kms_key_arn must be KMS key ARNs",
    "pipe_target_key_on_lambda": "target.kms_key_arn applies to SQS queue and SNS topic targets",
    "pipe_dlq_key_without_queue": "dead_letter_queue_kms_key_arn is the key of the queue in dead_letter_queue_arn",
    "lwl_trigger_s3_no_account": "an S3 trigger needs source_account",
    "lwl_trigger_account_principal": 'allowed_triggers["Acct"].principal must be a service principal',
    "lwl_trigger_no_arn": 'allowed_triggers["Rule"].source_arn must be the ARN of the resource allowed to invoke',
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
    "fan_subscriber_key_upper": (
        "subscribers key \"Billing\" cannot be used: keys must be 1-30 lowercase letters, digits, '-' or '_'"
    ),
    "fan_filter_not_json": 'subscribers["paid"].filter_policy must be a JSON object',
    "fan_filter_scope": "subscribers[\"paid\"].filter_policy_scope must be 'MessageAttributes' or 'MessageBody'.",
    "fan_max_receive_0": 'subscribers["audit"].max_receive_count must be from 1 to 1000',
    "fan_retention_short_dlq": "dlq_message_retention_seconds must be at least message_retention_seconds",
    "fan_visibility_below_6x": "visibility_timeout_seconds must be at least 6 times the consumer's timeout",
    "fan_consumer_batch_0": 'subscribers["billing"].consumer: batch_size 1-10000',
    "fan_publisher_not_service": "publishers.services[*].service must be a service principal",
    "fan_publisher_no_source": "publishers.services[*].source_arns must list at least one ARN",
    "fan_publisher_principal": "publishers.principals must be 12-digit account ids or IAM role, user or root ARNs",
    "fan_queue_key_alias": "queue_kms_key_id must be a KMS key ARN, arn:aws:kms:<region>:<account>:key/<id>: each",
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
    "pipe_log_retention_42": "logging.retention_in_days must be a CloudWatch Logs retention value: 1, 3,",
    "pipe_kms_alias": "kms_key_arn must be a KMS key ARN",
    "fg_name_caps": "name must be 2-29 lowercase letters, digits or '-'",
    "fg_vpc_bad": "vpc_id must be a VPC ID (vpc-...).",
    "fg_private_subnets_none": "private_subnet_ids must be at least one subnet ID",
    "fg_cluster_arn_bad": "cluster_arn must be an ECS cluster ARN",
    "fg_insights_bad": "container_insights must be enhanced, enabled or disabled.",
    "fg_strategy_ec2": "capacity_provider_strategy keys must be FARGATE and/or FARGATE_SPOT.",
    "fg_strategy_negative": 'capacity_provider_strategy["FARGATE"]: base must be a whole number from 0 to 100000',
    "fg_strategy_two_bases": "capacity_provider_strategy: only one provider may have a base above 0",
    "fg_strategy_no_weight": "at least one weight must be above 0",
    "fg_cpu_300": "cpu must be 256, 512, 1024, 2048, 4096, 8192 or 16384",
    "fg_arch_arm": "cpu_architecture must be X86_64 or ARM64.",
    "fg_ephemeral_10": "ephemeral_storage_gib must be a whole number from 21 to 200",
    "fg_eleven_containers": "containers must hold 1 to 10 containers",
    "fg_no_containers": "containers must hold 1 to 10 containers",
    "fg_container_name_bad": 'containers["web app"]: each key (the container name) must be',
    "fg_image_empty": 'containers["web"]: image must be an image reference',
    "fg_no_essential": "containers: at least one container must be essential",
    "fg_port_70000": 'containers["web"]: port_mappings need container_port from 1 to 65535',
    "fg_port_protocol": 'containers["web"]: port_mappings need container_port from 1 to 65535',
    "fg_secret_without_name": 'containers["web"]: every secret needs a name',
    "fg_secret_plain_name": (
        'containers["web"]: secret value_from must be a Secrets Manager secret ARN or an SSM parameter ARN'
    ),
    "fg_env_key_bad": 'containers["web"]: environment keys must be variable names',
    "fg_health_check_bad": 'containers["web"]: health_check.command must start with CMD or CMD-SHELL',
    "fg_writable_relative": 'containers["web"]: writable_paths must be absolute paths',
    "fg_log_retention_42": "log_retention_in_days must be a CloudWatch Logs retention value: 1, 3, 5,",
    "fg_log_kms_alias": "log_kms_key_arn must be a KMS key ARN",
    "fg_task_sid_bad": 'task_role_statements key "read-s3" cannot be used: keys become statement Sids',
    "fg_task_no_resources": 'task_role_statements["Read"]: each statement needs at least one action and one resource.',
    "fg_secrets_kms_bad": "secrets_kms_key_arns must be KMS key ARNs",
    "fg_desired_minus_1": "desired_count must be a whole number from 0 to 5000.",
    "fg_min_healthy_150": "deployment_minimum_healthy_percent must be from 0 to 100.",
    "fg_max_percent_50": "deployment_maximum_percent must be from 100 to 200.",
    "fg_grace_negative": "health_check_grace_period_seconds must be 0 or more.",
    "fg_autoscaling_min_above_max": "autoscaling: min_capacity must be 0 or more and no more than max_capacity",
    "fg_autoscaling_cpu_0": "autoscaling.cpu_target must be a CPU percentage",
    "fg_autoscaling_requests_0": "autoscaling.requests_per_target must be at least 1",
    "fg_public_subnet_bad": "public_subnet_ids must be subnet IDs (subnet-...).",
    "fg_listener_nlb": "existing_listener_arn must be an Application Load Balancer listener ARN",
    "fg_alb_sg_bad": "existing_alb_security_group_id must be a security group ID",
    "fg_listener_rule_empty": (
        "listener_rule needs a priority from 1 to 50000 and at least one path pattern or host header."
    ),
    "fg_allowed_cidr_bad": "allowed_cidrs must be at least one CIDR range",
    "fg_certificate_iam": "certificate_arn must be an ACM certificate ARN",
    "fg_ssl_policy_old": "ssl_policy must be a TLS 1.2+ policy",
    "fg_access_logs_bucket_bad": "access_logs_bucket must be an S3 bucket name.",
    "fg_health_check_path": "health_check.path must start with / and matcher be status codes",
    "fg_health_check_timing": "health_check: interval 5-300 s, timeout from 2 s and below interval",
    "fg_deregistration_4000": "deregistration_delay must be from 0 to 3600 seconds.",
    "fg_egress_cidr_bad": "task_egress_cidrs must be CIDR ranges.",
}

# modules/iam-statement-rules' one message for wildcard actions, after the key and the actions.
WILDCARD_RULE = ". Actions may not contain '*' or '?': name each action the role needs."

# Precondition errors name no module call, so each message starts with the
# function's name (which also tells a user which call failed).
PRECONDITION_CASES = {
    # modules/iam-statement-rules: one rule, one message, in every module that takes statements.
    "lwl-policy-wildcard": 'lwl-policy-wildcard: policy_statements["All"] has wildcard actions s3:*' + WILDCARD_RULE,
    "lwl-policy-get-star": 'lwl-policy-get-star: policy_statements["Reads"] has wildcard actions s3:Get*'
    + WILDCARD_RULE,
    "lwl-policy-question": 'lwl-policy-question: policy_statements["Read"] has wildcard actions s3:?etObject'
    + WILDCARD_RULE,
    "lwl-policy-passrole": 'lwl-policy-passrole: policy_statements["Pass"] has wildcard actions iam:PassRol?'
    + WILDCARD_RULE,
    "lwl-policy-iam-p-star": 'lwl-policy-iam-p-star: policy_statements["Iam"] has wildcard actions iam:P*'
    + WILDCARD_RULE,
    "lwl-policy-sts-a-star": 'lwl-policy-sts-a-star: policy_statements["Sts"] has wildcard actions sts:A*'
    + WILDCARD_RULE,
    "lwl-policy-star-resource": (
        'lwl-policy-star-resource: policy_statements["Read"] grants s3:GetObject on resources ["*"]. Name the resources'
    ),
    "lwl-policy-logs-key": "lwl-policy-logs-key: policy_statements keys Logs are the module's own statements (",
    "lwl-policy-dead-letter-key": (
        "lwl-policy-dead-letter-key: policy_statements keys DeadLetter are the module's own statements ("
    ),
    "fan-consumer-wild-billing": (
        'fan-consumer-wild-billing: policy_statements["Read"] has wildcard actions dynamodb:Get?tem' + WILDCARD_RULE
    ),
    "fg-task-star": 'fg-task-star: task_role_statements["All"] has wildcard actions *' + WILDCARD_RULE,
    "fg-task-service-star": 'fg-task-service-star: task_role_statements["S3"] has wildcard actions s3:*'
    + WILDCARD_RULE,
    "fg-task-question": 'fg-task-question: task_role_statements["Read"] has wildcard actions dynamodb:?etItem'
    + WILDCARD_RULE,
    "fg-task-exec-key": (
        "fg-task-exec-key: task_role_statements keys EcsExecSessionChannels are the module's own statements"
    ),
    "rds-statement-key": (
        "rds-statement-key: function.policy_statements keys ConnectThroughProxy are the module's own statements"
    ),
    "fg-plain-http": "fg-plain-http: without certificate_arn the load balancer serves plain HTTP to 0.0.0.0/0",
    "fan-aws-key-services": "fan-aws-key-services: publishers that are services or other accounts cannot use the",
    "rds-existing-one-subnet": "rds-existing-one-subnet: with create_vpc = false, vpc_id and at least 2 private",
    "rds-existing-with-nat": "rds-existing-with-nat: nat_gateway applies to a VPC the module creates",
    "api-private-route-without-link": 'api-private-route-without-link: PRIVATE routes ("internal") need var.vpc_link',
    "api-private-without-endpoints": "api-private-without-endpoints: a PRIVATE API needs vpc_endpoint_ids",
    "api-authorizer-unknown-key": 'api-authorizer-unknown-key: routes "status" name an authorizer that is not a key',
    "api-key-required-without-keys": (
        'api-key-required-without-keys: routes "status" require an API key but var.api_keys'
    ),
    "lwl-six-layers": "lwl-six-layers: A function takes at most 5 layers; layers and layer_arns name 6.",
    "lwl-vpc-without-sg": "lwl-vpc-without-sg: vpc_subnet_ids needs vpc_security_group_ids",
    "lwl-no-role": "lwl-no-role: With create_role = false, role_arn must name the execution role.",
    "fan-fifo-std/audit": "fan-fifo-std/audit: a FIFO topic delivers only to FIFO queues",
    "fan-std-fifo/audit": "fan-std-fifo/audit: a standard topic cannot deliver to a FIFO queue",
    "fan-fifo-batch/ledger": "fan-fifo-batch/ledger: a FIFO queue hands Lambda batches of at most 10 messages",
    "fan-dedup": "fan-dedup: content_based_deduplication applies to FIFO topics only",
    "fg-cpu256-mem4096": (
        "fg-cpu256-mem4096: memory 4096 is not valid with cpu 256; Fargate accepts 512, 1024, 2048 MiB for that cpu."
    ),
    "fg-cpu1024-mem1024": (
        "fg-cpu1024-mem1024: memory 1024 is not valid with cpu 1024; Fargate accepts 2048, 3072, "
        "4096, 5120, 6144, 7168, 8192 MiB for that cpu."
    ),
    "fg-containers-over-task": (
        "fg-containers-over-task: the containers' cpu and memory (or memory_reservation) add up to more than"
    ),
    "fg-existing-cluster-no-arn": "fg-existing-cluster-no-arn: with create_cluster = false, cluster_arn is required.",
    "fg-lb-unknown-container": "fg-lb-unknown-container: load_balanced_container must name a container in containers",
    "fg-lb-unmapped-port": "fg-lb-unmapped-port: load_balanced_container must name a container in containers",
    "fg-alb-one-subnet": "fg-alb-one-subnet: an Application Load Balancer needs public_subnet_ids in at least 2 zones.",
    "fg-no-alb-no-listener": (
        "fg-no-alb-no-listener: with create_alb = false, existing_listener_arn, "
        "existing_alb_security_group_id and listener_rule are required"
    ),
    "fg-requests-without-lb": "fg-requests-without-lb: autoscaling.requests_per_target needs a load balancer",
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
