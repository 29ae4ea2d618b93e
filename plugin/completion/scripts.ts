/**
 * The shell scripts of `kubectl iot completion SHELL`, for the `kubectl-iot` command itself (`kubectl iot <TAB>`
 * goes through kubectl's own completion and kubectl_complete-iot instead, see install.ts). bash and zsh get yargs'
 * own scripts, which ask `kubectl-iot --get-yargs-completions`; yargs has none for fish and PowerShell, whose
 * scripts below ask `kubectl-iot __complete` for cobra's format (descriptions, and whether file names fit).
 */
import { COBRA_REQUEST } from './complete';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

/** Prints yargs' script for `shell` (yargs picks zsh's from $SHELL and $ZSH_NAME, so they are set meanwhile). */
export type YargsScript = (shell: 'bash' | 'zsh') => string;

export function completionScript(shell: Shell, yargsScript: YargsScript): string {
  if (shell === 'fish') return FISH;
  if (shell === 'powershell') return POWERSHELL;
  const script = yargsScript(shell);
  // yargs answers in zsh's `word:description` format when $SHELL or $ZSH_NAME says zsh: zsh does not export
  // ZSH_NAME, and a bash started from a zsh login still has SHELL=zsh.
  return shell === 'zsh' ? script.replace('COMP_CWORD=', 'ZSH_NAME=zsh COMP_CWORD=')
    : script.replace('$(kubectl-iot --get-yargs-completions', '$(SHELL=bash ZSH_NAME= kubectl-iot --get-yargs-completions');
}

const FISH = `# kubectl-iot completion for fish. Load it: kubectl-iot completion fish | source
# (or save it as ~/.config/fish/completions/kubectl-iot.fish). For \`kubectl iot <TAB>\`: kubectl iot completion install
function __kubectl_iot_complete
    set -l words (commandline -opc)
    set -e words[1]
    set -l current (commandline -ct)
    set -l lines (kubectl-iot ${COBRA_REQUEST} $words "$current" 2>/dev/null)
    test (count $lines) -gt 0; or return
    set -l directive (string replace -r '^:' '' -- $lines[-1])
    set -e lines[-1]
    printf '%s\\n' $lines
    # cobra's directives: 4 no file names, 16 folders only, 0 file names when nothing else fits.
    if test (count $lines) -eq 0
        if test "$directive" = 16
            __fish_complete_directories "$current"
        else if test "$directive" = 0
            __fish_complete_path "$current"
        end
    end
end
complete -c kubectl-iot -f -a '(__kubectl_iot_complete)'
`;

const POWERSHELL = `# kubectl-iot completion for PowerShell 7.3 or later. Load it: kubectl-iot completion powershell | Out-String | Invoke-Expression
# For \`kubectl iot <TAB>\`: kubectl iot completion install
Register-ArgumentCompleter -Native -CommandName 'kubectl-iot' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $words = @($commandAst.CommandElements | Select-Object -Skip 1 | ForEach-Object { $_.ToString() })
    if ($wordToComplete -ne '' -and $words.Count -gt 0) { $words = @($words | Select-Object -SkipLast 1) }
    $lines = @(& kubectl-iot ${COBRA_REQUEST} @words $wordToComplete 2>$null)
    if ($lines.Count -eq 0) { return }
    $directive = $lines[-1] -replace '^:', ''
    $candidates = @($lines | Select-Object -SkipLast 1)
    # cobra's directives: 4 no file names, 0 or 16 file names when nothing else fits.
    if ($candidates.Count -eq 0 -and $directive -ne '4') { return $null }
    foreach ($line in $candidates) {
        $parts = $line -split "\`t", 2
        $tip = if ($parts.Count -gt 1) { $parts[1] } else { $parts[0] }
        [System.Management.Automation.CompletionResult]::new($parts[0], $parts[0], 'ParameterValue', $tip)
    }
    if ($candidates.Count -eq 0) { '' }
}
`;
