from factsheet.cli.main import run

run()
