Console.Error.WriteLine("emulator: not built yet");
return 1;
