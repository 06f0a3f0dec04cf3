resource "aws_lb" "this" {
  #checkov:skip=CKV2_AWS_28:A WAF web ACL is the caller's to associate (aws_wafv2_web_acl_association on alb_arn); this module does not choose its rules.
  #checkov:skip=CKV2_AWS_76:Same as CKV2_AWS_28: the Log4j managed rule belongs to the caller's web ACL.
  #checkov:skip=CKV_AWS_150:Deletion protection is this module's default (deletion_protection = true); a caller that sets false, like the destroy-in-one-step example, has decided so.
  #checkov:skip=CKV2_AWS_20:The HTTP listener redirects to HTTPS whenever certificate_arn is given; without one the caller chose an HTTP-only service (see http_forward).
  #checkov:skip=CKV_AWS_91:Access logs are written when the caller names access_logs_bucket, a bucket whose policy lets ELB write; the module cannot create that policy for a bucket it does not own.
  count = local.create_alb ? 1 : 0

  name                       = var.name
  load_balancer_type         = "application"
  internal                   = false
  subnets                    = var.public_subnet_ids
  security_groups            = [aws_security_group.alb[0].id]
  drop_invalid_header_fields = true
  enable_deletion_protection = var.deletion_protection
  tags                       = var.tags

  dynamic "access_logs" {
    for_each = var.access_logs_bucket == null ? [] : [var.access_logs_bucket]
    content {
      bucket  = access_logs.value
      prefix  = var.name
      enabled = true
    }
  }

  lifecycle {
    precondition {
      condition     = var.certificate_arn != null || var.allow_plain_http
      error_message = "${var.name}: without certificate_arn the load balancer serves plain HTTP to ${join(", ", var.allowed_cidrs)}: give an ACM certificate, or say so with allow_plain_http = true."
    }
  }
}

resource "aws_lb_target_group" "this" {
  #checkov:skip=CKV_AWS_378:TLS ends at the load balancer; the hop to the tasks stays in the VPC between two security groups that admit only each other. End-to-end TLS would need a certificate in every container.
  count = local.load_balanced ? 1 : 0

  # A prefix, not a fixed name: a replaced target group is created before the old
  # one is detached (create_before_destroy), and two cannot share a name.
  name_prefix          = "${substr(var.name, 0, 5)}-"
  target_type          = "ip" # awsvpc tasks register by IP
  port                 = var.load_balanced_container.port
  protocol             = "HTTP"
  vpc_id               = var.vpc_id
  deregistration_delay = var.deregistration_delay
  tags                 = var.tags

  health_check {
    enabled             = true
    path                = var.health_check.path
    matcher             = var.health_check.matcher
    protocol            = "HTTP"
    interval            = var.health_check.interval
    timeout             = var.health_check.timeout
    healthy_threshold   = var.health_check.healthy_threshold
    unhealthy_threshold = var.health_check.unhealthy_threshold
  }

  lifecycle {
    # A new target group must exist before the old one is detached from the service.
    create_before_destroy = true
  }
}

# With a certificate: HTTPS on 443, and HTTP on 80 only redirects to it.
resource "aws_lb_listener" "https" {
  count = local.https ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = var.ssl_policy
  certificate_arn   = var.certificate_arn
  tags              = var.tags

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[0].arn
  }
}

resource "aws_lb_listener" "http_redirect" {
  count = local.https ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = 80
  protocol          = "HTTP"
  tags              = var.tags

  default_action {
    type = "redirect"
    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

# Without a certificate: plain HTTP on 80.
resource "aws_lb_listener" "http_forward" {
  #checkov:skip=CKV_AWS_2:Created only when the caller gives no certificate_arn (an HTTP-only service, e.g. behind CloudFront or for a demo); with one, http_redirect and https replace it.
  #checkov:skip=CKV_AWS_103:Same listener: no TLS without a certificate; the HTTPS listener uses a TLS 1.2+ policy.
  #checkov:skip=CKV2_AWS_20:Same listener: the redirect to HTTPS exists whenever a certificate does.
  count = local.create_alb && !local.https ? 1 : 0

  load_balancer_arn = aws_lb.this[0].arn
  port              = 80
  protocol          = "HTTP"
  tags              = var.tags

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[0].arn
  }
}

# An existing load balancer: a rule on its listener forwards to this service.
resource "aws_lb_listener_rule" "this" {
  count = local.use_listener && var.existing_listener_arn != null && var.listener_rule != null ? 1 : 0

  listener_arn = var.existing_listener_arn
  priority     = var.listener_rule.priority
  tags         = var.tags

  action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.this[0].arn
  }

  dynamic "condition" {
    for_each = length(var.listener_rule.path_patterns) > 0 ? [var.listener_rule.path_patterns] : []
    content {
      path_pattern {
        values = condition.value
      }
    }
  }

  dynamic "condition" {
    for_each = length(var.listener_rule.host_headers) > 0 ? [var.listener_rule.host_headers] : []
    content {
      host_header {
        values = condition.value
      }
    }
  }
}
