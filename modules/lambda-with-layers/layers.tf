resource "aws_lambda_layer_version" "this" {
  for_each = var.create ? var.layers : {}

  layer_name               = "${var.name}-${each.key}"
  description              = each.value.description
  filename                 = each.value.path
  source_code_hash         = filebase64sha256(each.value.path)
  compatible_runtimes      = each.value.compatible_runtimes != null ? each.value.compatible_runtimes : compact([local.runtime])
  compatible_architectures = [var.architecture]
  license_info             = each.value.license_info
}
