# The IAM rules every module that takes caller statements applies, in one place:
#  1. no action holds a wildcard: '*' and IAM's single-character '?' (s3:?etObject,
#     iam:PassRol?, iam:P*, sts:A*) grant more than their names say;
#  2. resources = ["*"] only where every action of the statement is one IAM grants on
#     "*" alone (star_only_actions.json, with its source);
#  3. no caller statement takes the key of one the module writes (it would silently
#     replace it: CreateLogStream disappearing from a function's role).
# They are preconditions, checked at plan before anything is created, so a message
# can name the statement's key and the offending actions.

locals {
  star_only_catalogue = jsondecode(file("${path.module}/star_only_actions.json"))
  star_only_actions   = setunion(local.star_only_catalogue.actions, keys(local.star_only_catalogue.also_on_star))
  granting            = { for key, s in var.statements : key => s if s.effect == "Allow" }

  wildcard_actions = {
    for key, s in local.granting : key => [for action in s.actions : action if can(regex("[*?]", action))]
  }
  with_wildcards = { for key, actions in local.wildcard_actions : key => actions if length(actions) > 0 }

  # Actions that take resources, in statements granted on "*".
  scoped_on_star = {
    for key, s in local.granting : key => [for action in s.actions : action if !contains(local.star_only_actions, action)]
    if contains(s.resources, "*")
  }
  star_resources = { for key, actions in local.scoped_on_star : key => actions if length(actions) > 0 }

  colliding_keys = sort(setintersection(keys(var.statements), var.module_statement_keys))
}

resource "terraform_data" "statement_rules" {
  count = var.create ? 1 : 0

  lifecycle {
    precondition {
      condition     = length(local.with_wildcards) == 0
      error_message = "${var.name}: ${join("; ", [for key, actions in local.with_wildcards : "${var.input_name}[\"${key}\"] has wildcard actions ${join(", ", actions)}"])}. Actions may not contain '*' or '?': name each action the role needs."
    }
    precondition {
      condition     = length(local.star_resources) == 0
      error_message = "${var.name}: ${join("; ", [for key, actions in local.star_resources : "${var.input_name}[\"${key}\"] grants ${join(", ", actions)} on resources [\"*\"]"])}. Name the resources: \"*\" is allowed only for actions IAM grants on \"*\" alone (modules/iam-statement-rules/star_only_actions.json)."
    }
    precondition {
      condition     = length(local.colliding_keys) == 0
      error_message = "${var.name}: ${var.input_name} keys ${join(", ", local.colliding_keys)} are the module's own statements (${join(", ", sort(var.module_statement_keys))}) and would replace them: choose other keys."
    }
  }
}
