output "star_only_actions" {
  description = "The actions IAM grants on \"*\" only, as this module reads them (sorted)."
  value       = sort(local.star_only_actions)
}
