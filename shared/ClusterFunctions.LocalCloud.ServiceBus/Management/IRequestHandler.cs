using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Management;

/// <summary>Answers one request sent to a request/response node (<c>$cbs</c>, <c>entity/$management</c>).</summary>
internal interface IRequestHandler
{
    Message Handle(Message request, Connection connection);
}
