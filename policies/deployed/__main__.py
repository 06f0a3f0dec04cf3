"""python -m policies.deployed STATE_JSON: ASM_13 and ASM_14 on the account a state describes."""

import sys

from policies.deployed import main

sys.exit(main(sys.argv[1:]))
