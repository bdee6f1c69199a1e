package io.avatardrive.queue;

import java.util.Set;

import io.avatardrive.settings.BrokerSettings;
import io.avatardrive.settings.InvalidSettingsException;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.DivertConfiguration;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActivateCallback;
import org.apache.activemq.artemis.core.server.JournalType;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default broker: ActiveMQ Artemis in this process, persistent under broker.data, with one acceptor on
 * broker.host:broker.port that speaks CORE, AMQP and STOMP, so a publisher in any language can use it.
 */
public class EmbeddedBroker extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);

    private static final String ROLE = "avatar-drive";

    private final BrokerSettings settings;
    private final Runnable onFailure;
    private EmbeddedActiveMQ server;
    private volatile boolean stopping;
    private volatile String failure;

    public EmbeddedBroker(BrokerSettings settings) {
        this(settings, () -> { });
    }

    /**
     * @param onFailure what to do once the broker stopped on its own (Artemis stops for good on a critical I/O error,
     *                  such as a full disk): the application exits so that its supervisor starts it again
     */
    public EmbeddedBroker(BrokerSettings settings, Runnable onFailure) {
        this.settings = settings;
        this.onFailure = onFailure;
    }

    /** Where each connection the broker holds comes from ("invm:..." for the pipeline's own), for the tests. */
    java.util.List<String> connectionAddresses() {
        return server.getActiveMQServer().getRemotingService().getConnections().stream()
                .map(connection -> connection.getRemoteAddress()).toList();
    }

    /** Null while the broker runs or was stopped with the pipeline; why it stopped on its own, otherwise. */
    public String failure() {
        return failure;
    }

    @Override
    protected void doStart() throws Exception {
        Configuration config = new ConfigurationImpl()
                .setName("avatar-drive")
                .setPersistenceEnabled(true)
                .setJournalType(JournalType.NIO)
                .setJournalDirectory(settings.dataDir().resolve("journal").toString())
                .setBindingsDirectory(settings.dataDir().resolve("bindings").toString())
                .setLargeMessagesDirectory(settings.dataDir().resolve("large-messages").toString())
                .setPagingDirectory(settings.dataDir().resolve("paging").toString())
                .setSecurityEnabled(settings.secured())
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("avatar-drive",
                        "tcp://" + settings.host() + ":" + settings.port() + "?protocols=CORE,AMQP,STOMP")
                // the pipeline's own consumers and producers, in this process
                .addAcceptorConfiguration("in-vm", settings.inVmUrl());
        // what the broker itself gives up on (a consumer that keeps rolling back) ends where our dead letters go
        SimpleString deadLetters = SimpleString.of(settings.deadLetterQueue());
        config.addAddressSetting("#", new AddressSettings()
                .setDeadLetterAddress(deadLetters)
                .setExpiryAddress(deadLetters)
                .setMaxDeliveryAttempts(maxDeliveryAttempts())
                .setRedeliveryDelay(1000));
        // the clip, results and dead-letter queues exist from the start, as anycast queues: a reader that attaches
        // before anything was published (an AMQP receiver without the queue capability, say) finds the queue rather
        // than making a multicast address that a report could not then be published to
        for (String queue : new String[] {settings.queue(), settings.piecesQueue(), settings.resultsQueue(),
                                          settings.deadLetterQueue()}) {
            config.addAddressConfiguration(new CoreAddressConfiguration().setName(queue)
                    .addRoutingType(RoutingType.ANYCAST)
                    .addQueueConfiguration(QueueConfiguration.of(queue).setRoutingType(RoutingType.ANYCAST)));
            config.addAddressSetting(queue, new AddressSettings()
                    .setDeadLetterAddress(deadLetters)
                    .setExpiryAddress(deadLetters)
                    .setMaxDeliveryAttempts(maxDeliveryAttempts())
                    .setRedeliveryDelay(1000)
                    .setDefaultAddressRoutingType(RoutingType.ANYCAST)
                    .setDefaultQueueRoutingType(RoutingType.ANYCAST)
                    .setAutoCreateAddresses(false)
                    .setAutoDeleteAddresses(false)
                    .setAutoDeleteQueues(false));
        }
        // a copy of every interrupt goes to each instance at once, not behind the drive its task's consumer is busy with
        config.addAddressConfiguration(new CoreAddressConfiguration().setName(settings.interruptsTopic())
                .addRoutingType(RoutingType.MULTICAST));
        config.addDivertConfiguration(new DivertConfiguration().setName("avatar-drive-interrupts")
                .setAddress(settings.queue()).setForwardingAddress(settings.interruptsTopic()).setExclusive(false)
                .setFilterString(QueueInterrupts.FILTER).setRoutingType(ComponentConfigurationRoutingType.MULTICAST));
        // pieces of live utterances leave the drive queue for a queue of their own, whose consumers need no transaction
        config.addDivertConfiguration(new DivertConfiguration().setName("avatar-drive-pieces")
                .setAddress(settings.queue()).setForwardingAddress(settings.piecesQueue()).setExclusive(true)
                .setFilterString(BrokerSettings.PIECE_FILTER).setRoutingType(ComponentConfigurationRoutingType.ANYCAST));
        config.registerBrokerPlugin(new TaskGroupPlugin(settings.queue()));
        server = new EmbeddedActiveMQ().setConfiguration(config);
        if (settings.secured()) {
            // one user, allowed everything, on every protocol and acceptor (the in-VM one of the pipeline included)
            config.putSecurityRoles("#", Set.of(new Role(ROLE, true, true, true, true, true, true, true, true, true, true)));
            ActiveMQSecurityManagerImpl users = new ActiveMQSecurityManagerImpl();
            users.getConfiguration().addUser(settings.username(), settings.password());
            users.getConfiguration().addRole(settings.username(), ROLE);
            server.setSecurityManager(users);
        }
        server.start();
        requireAcceptorsStarted();
        stopping = false;
        failure = null;
        server.getActiveMQServer().registerActivateCallback(new ActivateCallback() {
            @Override
            public void deActivate() {
                if (!stopping) {
                    failure = "the embedded broker stopped on its own (a critical I/O error such as a full disk under "
                              + settings.dataDir() + "); the queue takes no work until the process starts again";
                    LOG.error("{}", failure);
                    onFailure.run();
                }
            }
        });
        LOG.info("Embedded Artemis broker listening on tcp://{}:{} (CORE, AMQP, STOMP), {}, journal in {}",
                settings.host(), settings.port(), settings.secured() ? "login required" : "no login (loopback only)",
                settings.dataDir());
    }

    /** The broker gives up only after the pipeline has: it dead-letters with the stage and reason itself. */
    private int maxDeliveryAttempts() {
        return Math.max(10, settings.maxRedeliveries() + 2);
    }

    /** Artemis logs a port it could not bind and starts anyway; a broker publishers cannot reach must stop the start. */
    private void requireAcceptorsStarted() throws Exception {
        boolean allStarted = server.getActiveMQServer().getRemotingService().getAcceptors().values().stream()
                .allMatch(Acceptor::isStarted);
        if (!allStarted) {
            server.stop();
            server = null;
            throw new InvalidSettingsException("broker.port: the embedded broker could not listen on " + settings.host()
                                               + ":" + settings.port() + "; another process holds it, or choose another"
                                               + " broker.port");
        }
    }

    @Override
    protected void doStop() throws Exception {
        stopping = true;
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
