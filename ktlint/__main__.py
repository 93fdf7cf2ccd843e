import sys

from ktlint.cli import main

sys.exit(main())
