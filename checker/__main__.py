from checker.cli import program

program()
