namespace VideoEditor.AppHost.Stack;

/// <summary>The stack cannot start as configured; the message is one line that says what to do.</summary>
public sealed class StackSetupException(string message) : Exception(message);
