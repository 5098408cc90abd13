using Ordo.Server.Cli;

return await OrdoCommandLine.Build().Parse(args).InvokeAsync();
