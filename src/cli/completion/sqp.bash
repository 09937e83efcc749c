# bash completion for sqp (installed as share/bash-completion/completions/sqp; docs/cli.md).
# Try it without installing: source src/cli/completion/sqp.bash
#
#   sqp <TAB>                  operations and --help/--version
#   sqp certificate --format <TAB>   json text ics svg (what that operation renders; case too)
#   sqp score <TAB>            options and input files
#   sqp rulebook <TAB>         validate, options, files

_sqp() {
  local cur prev operation word i
  COMPREPLY=()
  cur=${COMP_WORDS[COMP_CWORD]}
  prev=${COMP_WORDS[COMP_CWORD-1]}
  local operations="eligibility cycle meeting certificate score assess rulebook bodies case"

  # The operation is the first word that is neither an option nor an option's value.
  operation=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    case $word in
      --rulebook|--format|--threads|--unknown-members|--messages) ((i++)) ;;
      -*) ;;
      *) operation=$word; break ;;
    esac
  done

  case $prev in
    --rulebook)
      _sqp_files '@(json|JSON)'
      return ;;
    --format)
      case $operation in
        certificate|case) COMPREPLY=($(compgen -W "json text ics svg" -- "$cur")) ;;
        *) COMPREPLY=($(compgen -W "json text" -- "$cur")) ;;
      esac
      return ;;
    --threads)
      COMPREPLY=($(compgen -W "1 2 4 8 16" -- "$cur"))
      return ;;
    --unknown-members)
      COMPREPLY=($(compgen -W "reject note" -- "$cur"))
      return ;;
    --messages)
      COMPREPLY=($(compgen -W "both en zh none" -- "$cur"))
      return ;;
  esac

  if [[ -z $operation ]]; then
    if [[ $cur == -* ]]; then
      COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
    else
      COMPREPLY=($(compgen -W "$operations" -- "$cur"))
    fi
    return
  fi

  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "--rulebook --format --batch --threads --unknown-members --messages --help" -- "$cur"))
    return
  fi
  if [[ $operation == rulebook && $prev == rulebook ]]; then
    COMPREPLY=($(compgen -W "validate" -- "$cur"))
  fi
  _sqp_files '@(json|jsonl|ndjson|JSON)' append
}

# Input files: directories (to descend) and files with the given extensions.
_sqp_files() {
  local pattern=$1 append=${2:-} IFS=$'\n'
  local -a found
  found=($(compgen -d -- "$cur"))
  found+=($(shopt -s extglob; compgen -f -X "!*.$pattern" -- "$cur"))
  if [[ -n $append ]]; then
    COMPREPLY+=("${found[@]}")
  else
    COMPREPLY=("${found[@]}")
  fi
  compopt -o filenames 2>/dev/null
}

complete -F _sqp sqp
