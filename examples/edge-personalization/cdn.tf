# The distribution: HTTPS only, TLS 1.2 at least, the colour cookie in the bag
# images' cache key and nothing else that varies.

locals {
  # What each cache policy keys on. Bag images: the colour cookie, so each colour is
  # cached once and no customer is served another's; every other cookie, header and
  # query string stays out of the key (and away from the origin). Other images: nothing.
  cache_keys = {
    images     = { cookies = [] }
    bag_images = { cookies = [local.settings.cookie_name] }
  }
  # What the viewer's browser may keep. A bag image's URL is the same for every colour,
  # so the browser must ask again (a 304 while the colour is unchanged).
  browser_caching = {
    images     = "public, max-age=${var.image_cache_seconds}"
    bag_images = "no-cache"
  }
}

resource "aws_cloudfront_origin_access_control" "product_images" {
  name                              = "${var.name}-images"
  description                       = "CloudFront signs its requests to the ${local.bucket_name} bucket"
  origin_access_control_origin_type = "s3"
  signing_behavior                  = "always"
  signing_protocol                  = "sigv4"
}

resource "aws_cloudfront_cache_policy" "this" {
  for_each = local.cache_keys

  name        = "${var.name}-${replace(each.key, "_", "-")}"
  comment     = length(each.value.cookies) > 0 ? "Keyed on the ${join(", ", each.value.cookies)} cookie only" : "Keyed on the path only"
  min_ttl     = 0
  default_ttl = var.image_cache_seconds
  max_ttl     = 86400

  parameters_in_cache_key_and_forwarded_to_origin {
    # JPEGs are compressed already: no Accept-Encoding variants either.
    enable_accept_encoding_brotli = false
    enable_accept_encoding_gzip   = false

    cookies_config {
      cookie_behavior = length(each.value.cookies) > 0 ? "whitelist" : "none"
      dynamic "cookies" {
        for_each = length(each.value.cookies) > 0 ? [each.value.cookies] : []
        content {
          items = cookies.value
        }
      }
    }
    headers_config {
      header_behavior = "none"
    }
    query_strings_config {
      query_string_behavior = "none"
    }
  }
}

resource "aws_cloudfront_response_headers_policy" "this" {
  for_each = local.browser_caching

  name    = "${var.name}-${replace(each.key, "_", "-")}"
  comment = "Security headers; Cache-Control: ${each.value}"

  custom_headers_config {
    items {
      header   = "Cache-Control"
      value    = each.value
      override = true
    }
  }

  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000 # two years, as preload lists require
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
    content_type_options {
      override = true
    }
    frame_options {
      frame_option = "DENY"
      override     = true
    }
    referrer_policy {
      referrer_policy = "strict-origin-when-cross-origin"
      override        = true
    }
    content_security_policy {
      content_security_policy = "default-src 'none'; img-src 'self'; frame-ancestors 'none'"
      override                = true
    }
  }
}

resource "aws_cloudfront_distribution" "shop" {
  #checkov:skip=CKV_AWS_86:Standard logs need a log bucket (with ACLs enabled) that an organisation runs once; this example does not create one.
  #checkov:skip=CKV_AWS_68:A web ACL is the caller's choice (web_acl_arn): WAF costs $5 a month per ACL plus rules, and the images are public content.
  #checkov:skip=CKV2_AWS_47:As CKV_AWS_68: the Log4j rule set belongs to the web ACL the caller passes in web_acl_arn.
  #checkov:skip=CKV_AWS_310:One origin: a failover origin needs a replicated bucket in a second region (see CKV_AWS_144 on the bucket).
  #checkov:skip=CKV_AWS_374:The shop sells everywhere its price class reaches; no country is refused.
  #checkov:skip=CKV_AWS_305:It serves product images, not a site: "/" names no object and gets a 403 (the bucket grants no listing).
  enabled         = true
  comment         = "${var.name}: product images, bags in the customer's colour"
  aliases         = [var.domain_name]
  price_class     = var.price_class
  http_version    = "http2and3"
  is_ipv6_enabled = true
  web_acl_id      = var.web_acl_arn

  origin {
    origin_id                = "images"
    domain_name              = module.product_images.regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.product_images.id
  }

  default_cache_behavior {
    target_origin_id           = "images"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    cache_policy_id            = aws_cloudfront_cache_policy.this["images"].id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.this["images"].id
    compress                   = false
  }

  # Bag images: the colour cookie in the key, and the function on origin request, so
  # it runs once per model and colour per edge cache, not on every view.
  ordered_cache_behavior {
    path_pattern               = local.bag_images
    target_origin_id           = "images"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    cache_policy_id            = aws_cloudfront_cache_policy.this["bag_images"].id
    response_headers_policy_id = aws_cloudfront_response_headers_policy.this["bag_images"].id
    compress                   = false

    dynamic "lambda_function_association" {
      for_each = module.bag_colour.cloudfront_associations
      content {
        event_type   = lambda_function_association.value.event_type
        lambda_arn   = lambda_function_association.value.lambda_arn
        include_body = lambda_function_association.value.include_body
      }
    }
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    acm_certificate_arn      = var.acm_certificate_arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}
