# Writes feedarchiver's man page with help2man from the binary's own help: the program's
# --help and --version, and a COMMANDS section holding each subcommand's --help, so the page
# always says what the binary does.
#   cmake -DHELP2MAN=... -DBINARY=... -DOUTPUT=... -P man_page.cmake
cmake_minimum_required(VERSION 3.25)
execute_process(COMMAND "${BINARY}" --help OUTPUT_VARIABLE help RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "${BINARY} --help failed")
endif()

# The subcommands are the lines "  NAME   description" after "Subcommands:".
string(REGEX REPLACE ".*\nSubcommands:\n" "" listed "${help}")
string(REGEX MATCHALL "(^|\n)  [a-z][a-z0-9-]*" names "${listed}")

set(include "[COMMANDS]\n")
foreach(name IN LISTS names)
  string(STRIP "${name}" name)
  execute_process(COMMAND "${BINARY}" ${name} --help OUTPUT_VARIABLE text RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${BINARY} ${name} --help failed")
  endif()
  # roff: a backslash is \e, a minus \-; a line starting with . or ' would be a request.
  string(REPLACE "\\" "\\e" text "${text}")
  string(REPLACE "-" "\\-" text "${text}")  # a minus, not a hyphen: options copy and paste
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  string(APPEND include ".SS ${name}\n.nf\n${text}.fi\n")
endforeach()
string(APPEND include "[SEE ALSO]\nThe README and the product contract (spec.md) in feedarchiver's source.\n")
file(WRITE "${OUTPUT}.include" "${include}")

execute_process(
  COMMAND "${HELP2MAN}" --no-info --section=1
          "--name=archives RSS, Atom and JSON feeds as Jekyll posts"
          "--include=${OUTPUT}.include" "--output=${OUTPUT}.tmp" "${BINARY}"
  RESULT_VARIABLE code)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "help2man failed for ${BINARY}")
endif()
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
file(REMOVE "${OUTPUT}.include")
