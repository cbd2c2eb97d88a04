using Maabar.Cli;

return await MaabarCli.RunAsync(args, Console.Out, Console.Error);
