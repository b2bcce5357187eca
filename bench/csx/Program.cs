using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

if (args is not [var file])
{
    await Console.Error.WriteLineAsync("usage: csx-runner FILE.csx");
    return 2;
}

var path = Path.GetFullPath(file);
var folder = Path.GetDirectoryName(path)!;
var options = ScriptOptions.Default
    .WithFilePath(path)
    .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(folder).WithSearchPaths(folder))
    .WithImports("System", "System.IO", "System.Linq", "System.Collections.Generic", "System.Threading.Tasks");
try
{
    var state = await CSharpScript.RunAsync(await File.ReadAllTextAsync(path), options);
    return state.ReturnValue is int code ? code : 0;
}
catch (CompilationErrorException e)
{
    foreach (var diagnostic in e.Diagnostics)
    {
        await Console.Error.WriteLineAsync(diagnostic.ToString());
    }

    return 1;
}
