# Written by the harness into the staged example for moto runs only; not part of the example.
# moto 5.2.5 gives a network load balancer an application ARN (loadbalancer/app/...);
# the module rightly accepts only loadbalancer/net/.
module "api" {
  vpc_link = { target_arns = [replace(aws_lb.internal[0].arn, ":loadbalancer/app/", ":loadbalancer/net/")] }
}
