"""Terraform roots staged on copies, driven through tftest.

tftest deletes `.terraform` and state in the folder it runs in, so every root
runs on a copy in a scratch tree that mirrors the repository: the root itself is
copied, and `modules/`, `examples/`, `build/` and `lambda_src/` are linked, so the
relative paths the root uses (`../../modules/...`, `../../build/...`) resolve
unchanged. For an emulator that needs module override files, `modules/` is
copied instead, with those files added.
tftest's cache is never used: it does not see changes in called modules.
"""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path

import tftest

from harness.emulators.gaps import (
    EMULATOR_MODULE_OVERRIDES,
    EMULATOR_ROOT_OVERRIDES,
    OVERRIDE_FILE,
    PROVIDER_OVERRIDE,
)
from harness.paths import BUILD, REPO

LINKED_TOP_LEVEL = ("modules", "examples", "build", "lambda_src")


def link_repo(scratch: Path, except_top: tuple[str, ...] = ()) -> None:
    """Link the repository's shared folders into a scratch tree (all but `except_top`)."""
    scratch.mkdir(parents=True, exist_ok=True)
    for name in LINKED_TOP_LEVEL:
        link = scratch / name
        if name not in except_top and not link.exists():
            with contextlib.suppress(FileExistsError):  # roots staged side by side (make bench) race here
                link.symlink_to(REPO / name, target_is_directory=True)


def stage(root: str | Path, scratch: Path, emulator_kind: str | None = None) -> Path:
    """Copy the root at `root` (relative to the repo) into `scratch`, link the rest.

    For an apply on an emulator (`emulator_kind`), the provider override is added,
    and modules get the emulator's override files (they are copied, not linked,
    when there are any).
    """
    rel = Path(root)
    module_overrides = EMULATOR_MODULE_OVERRIDES.get(emulator_kind or "", {})
    copied = (rel.parts[0],) + (("modules",) if module_overrides else ())
    link_repo(scratch, except_top=copied)
    if module_overrides and (scratch / "modules").is_symlink():
        (scratch / "modules").unlink()  # staged earlier without overrides: copy instead
    if module_overrides and not (scratch / "modules").exists():
        shutil.copytree(REPO / "modules", scratch / "modules", ignore=shutil.ignore_patterns(".terraform*", "zz_*"))
        for module, override in module_overrides.items():
            (scratch / "modules" / module / OVERRIDE_FILE).write_text(override)
    # Never write through a link into the repository: a folder on the root's path
    # that an earlier staging linked (examples/, say) becomes a real folder here.
    for depth in range(1, len(rel.parts) + 1):
        part = scratch.joinpath(*rel.parts[:depth])
        if part.is_symlink():
            part.unlink()
    staged = scratch / rel
    if not staged.resolve().is_relative_to(scratch.resolve()):
        raise RuntimeError(f"refusing to stage {rel} outside the scratch tree {scratch}")
    if staged.exists():
        shutil.rmtree(staged)
    shutil.copytree(
        REPO / rel,
        staged,
        ignore=shutil.ignore_patterns(".terraform", "*.tfstate*", ".terraform.lock.hcl", "zz_*"),
    )
    if emulator_kind:
        root_override = EMULATOR_ROOT_OVERRIDES.get(emulator_kind, {}).get(rel.as_posix(), "")
        (staged / OVERRIDE_FILE).write_text(PROVIDER_OVERRIDE + ("\n" + root_override if root_override else ""))
    return staged


def consumer_root(root: Path, blocks: dict[str, str]) -> Path:
    """A root as a consumer writes it: the library's version constraints, a plain provider
    block, each block as `<name>.tf`, and `build/` standing in for the consumer's own zips."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "versions.tf").write_text((REPO / "versions.tf").read_text() + '\nprovider "aws" {}\n')
    for name, block in blocks.items():
        (root / f"{name}.tf").write_text(block + "\n")
    (root / "build").symlink_to(BUILD, target_is_directory=True)
    return root


# Terraform and the AWS provider are Go programs, and at Go's default GOGC=100 their garbage
# collector took a third of their CPU here (planning the root of bad inputs: 69 s of CPU at
# 100, 44 s at the settings below). On two cores the suite's wall time is its CPU time, so the heap may grow
# to 9x what is live (GOGC=800) before a collection, up to 2 GiB a process (GOMEMLIMIT: nearer
# that it collects more often). A fresh-clone make test: 742 s at 400 and 1.5 GiB, 706 s at
# these, with 11 GiB of the 23 still free at its fullest. Memory the machine has, for CPU it
# lacks (make bench: go_collector; README "How the tests work"). An environment's own wins.
GO_RUNTIME_ENV = {"GOGC": "800", "GOMEMLIMIT": "2GiB"}


def cli_env(env: dict[str, str]) -> dict[str, str]:
    """The environment Terraform runs with: the CLI config `make` writes (the offline provider
    mirror) unless the environment names one that exists, so pytest run by hand works like
    `make test`; and the Go runtime settings above unless the environment sets its own."""
    env = {**GO_RUNTIME_ENV, **env}
    configured = env.get("TF_CLI_CONFIG_FILE")
    local = REPO / ".terraformrc.local"
    if (not configured or not Path(configured).is_file()) and local.is_file():
        return {**env, "TF_CLI_CONFIG_FILE": str(local)}
    return env


# tftest runs Terraform without a time limit; every command goes through this wrapper,
# which stops it after TERRAFORM_TIMEOUT_SECONDS (default 1800) and reports why.
TERRAFORM_WITH_TIMEOUT = REPO / "harness" / "terraform" / "bin" / "terraform-with-timeout"


def terraform(staged: Path, env: dict[str, str]) -> tftest.TerraformTest:
    """A tftest handle on a staged root, initialised."""
    tf = tftest.TerraformTest(tfdir=str(staged), binary=str(TERRAFORM_WITH_TIMEOUT), env=cli_env(env))
    tf.setup(upgrade=False)
    return tf
