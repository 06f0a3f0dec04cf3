"""python -m policies.deployed STATE_JSON: ASM_13, ASM_14 and ASM_20 on the account a state describes."""

import sys

from policies.deployed import main

sys.exit(main(sys.argv[1:]))
