"""Reading source files and parsing them with libcst."""
