namespace XaiGrok.Onboarding.Cli.Terminal;

/// <summary>The visible size of a terminal, in character cells.</summary>
internal readonly record struct TerminalSize(int Columns, int Rows);
