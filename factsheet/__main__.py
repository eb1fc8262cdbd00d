import sys

from factsheet.cli.main import main

sys.exit(main())
