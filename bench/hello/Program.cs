Console.WriteLine("{\"ok\": true}");
