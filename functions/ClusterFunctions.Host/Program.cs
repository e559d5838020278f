System.Console.WriteLine(typeof(Microsoft.Azure.Functions.Worker.Grpc.Messages.StreamingMessage).FullName);
