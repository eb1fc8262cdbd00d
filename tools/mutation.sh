#!/usr/bin/env bash
# Mutation testing of the promises (not run by CI: minutes per package on two cores).
#
#   tools/mutation.sh PACKAGE [PACKAGE...]      e.g. tools/mutation.sh verify atomic
#   tools/mutation.sh all
#   MUTANTS="name1 name2" tools/mutation.sh fit   # only these mutants (e.g. last run's survivors)
#
# Each package is mutated alone, in a scratch copy of the working tree (so mutmut's
# `mutants/` folder and its config never touch the repository), and only the fast test files
# that guard it run against each mutant. Survivors are listed at the end of each run; show one
# with `cd $SCRATCH && mutmut show NAME`.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MUTMUT=${MUTMUT:-$ROOT/.venv/bin/mutmut}
SCRATCH_BASE=${SCRATCH_BASE:-${TMPDIR:-/tmp}/factsheet-mutation}
CHILDREN=${CHILDREN:-1}
read -r -a only_these <<<"${MUTANTS:-}"

# package -> "files to mutate|test files that guard them". A test written !FILE::NAME is left
# out. Tests whose sheets are built by forked batch workers hang under mutmut (a fork inside a
# process forked from mutmut's threaded one), so they run in the normal suite only: that is
# why test_batch.py (--jobs 2) is not listed for batch; test_series.py covers the same code
# in process, and the pool's own lines are listed in the closing note.
declare -A TARGETS=(
  [verify]="factsheet/verify/report.py factsheet/verify/figures.py factsheet/verify/readback.py factsheet/verify/reading.py factsheet/verify/pdfium.py factsheet/verify/pdfium_functions.py|tests/test_verify.py tests/test_promises.py tests/test_readback.py tests/test_api.py tests/test_figures.py tests/test_readers.py tests/test_damaged_pdfs.py"
  [preflight]="factsheet/verify/preflight.py factsheet/verify/document_checks.py factsheet/verify/active_content.py|tests/test_promises.py tests/test_active_content.py tests/test_check.py tests/test_preflight_edges.py"
  [atomic]="factsheet/pdf/atomic.py|tests/test_outputs.py tests/test_atomic.py"
  [batch]="factsheet/batch/series.py|tests/test_series.py tests/test_batch_names.py tests/test_api.py tests/test_exit_codes.py"
  [cli]="factsheet/cli/main.py factsheet/cli/common.py factsheet/cli/diagnostics.py factsheet/cli/build.py factsheet/cli/verify.py factsheet/cli/check.py factsheet/cli/preview.py factsheet/cli/batch.py|tests/test_exit_codes.py tests/test_cli.py tests/test_errors.py tests/test_api.py tests/test_outputs.py tests/test_check.py tests/test_verify.py tests/test_yaml_hints.py tests/test_project.py tests/test_batch_names.py tests/test_schema_cli.py tests/test_command_reference.py tests/test_diagnostics.py tests/test_cli_paths.py tests/test_cli_process.py tests/test_cli_options.py tests/test_print.py tests/test_spreadsheets.py"
  [fit]="factsheet/layout/fit.py|tests/test_fit.py tests/test_columns.py tests/test_errors.py tests/test_colorado.py"
  [shapes]="factsheet/layout/markup_shapes.py|tests/test_markup_shapes.py"
  [tags]="factsheet/pdf/tags/*|tests/test_tags.py tests/test_accessibility.py !tests/test_accessibility.py::test_independent_pdf_ua_checker_passes[batch]"
)

packages=("$@")
[[ ${#packages[@]} -eq 0 ]] && { echo "usage: $0 PACKAGE... | all (${!TARGETS[*]})" >&2; exit 2; }
[[ ${packages[0]} == all ]] && packages=(verify preflight atomic batch cli fit tags shapes)

for package in "${packages[@]}"; do
  spec=${TARGETS[$package]:?unknown package $package}
  mutate=${spec%%|*}
  tests=${spec#*|}
  scratch=$SCRATCH_BASE/$package
  rm -rf "$scratch" && mkdir -p "$scratch"
  # The working tree as it is (committed or not), without generated files.
  (cd "$ROOT" && git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$scratch")
  existing=()
  left_out=()
  for test in $tests; do
    if [[ $test == !* ]]; then
      left_out+=("\"--deselect\"" "\"${test#!}\"")
    elif [[ -f $scratch/$test ]]; then
      existing+=("\"$test\"")
    fi
  done
  only=()
  for pattern in $mutate; do only+=("\"$pattern\""); done
  # Tests that run `python -m factsheet` in a child process (with PYTHONPATH at the mutated
  # tree) pass MUTANT_UNDER_TEST on to it. For a mutant that is right: the child runs the
  # mutant. During mutmut's first, coverage-taking pass ("stats") the child would try to
  # record its calls, look for mutmut's configuration in its own working folder and crash;
  # this start-up hook lets such a child run the code unmutated instead.
  cat >"$scratch/sitecustomize.py" <<'HOOK'
import os

if os.environ.get("MUTANT_UNDER_TEST") == "stats":
    os.environ["MUTANT_UNDER_TEST"] = ""
HOOK
  {
    echo
    echo "[tool.mutmut]"
    echo 'source_paths = ["factsheet"]'
    echo "only_mutate = [$(IFS=,; echo "${only[*]}")]"
    echo "pytest_add_cli_args_test_selection = [$(IFS=,; echo "${existing[*]}")]"
    extra=""
    [[ ${#left_out[@]} -gt 0 ]] && extra=$(printf ', %s' "${left_out[@]}")
    echo "pytest_add_cli_args = [\"-p\", \"no:cacheprovider\", \"-x\", \"-q\"$extra]"
    echo 'also_copy = ["fonts", "content", "docs", "examples", "tests", "README.md", "CHANGELOG.md", "sitecustomize.py"]'
    # Each mutant's process forks from a server that has only imported the tests: forked from
    # a process that ran them (PDFium, the checkers), some mutants hung on a lock.
    echo 'process_isolation = "forkserver"'
  } >>"$scratch/pyproject.toml"
  echo "== $package: mutating $mutate; tests: ${existing[*]}"
  (cd "$scratch" && "$MUTMUT" run --max-children "$CHILDREN" "${only_these[@]}" >"$scratch/run.log" 2>&1) || true
  (cd "$scratch" && "$MUTMUT" results --all true >"$scratch/results.txt" 2>&1) || true
  total=$(grep -c ': ' "$scratch/results.txt" || true)
  killed=$(grep -c ': killed' "$scratch/results.txt" || true)
  echo "$package: killed $killed of $total"
  grep -v ': killed' "$scratch/results.txt" || true
done
