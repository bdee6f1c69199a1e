package io.avatardrive.queue;

import io.avatardrive.ingress.MessageInterrupts;
import jakarta.jms.Message;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;

/**
 * Barge-in on the queue. Message groups give a task's messages to the one consumer that is busy driving its current
 * clip, so an interrupt message would wait behind the drive it should cut. The broker therefore copies each interrupt
 * (a divert, filter {@value #FILTER}) to a multicast address every instance listens on; the copy is announced to the
 * {@link MessageInterrupts}, with the broker id of its original.
 */
public final class QueueInterrupts {

    /** The divert's filter: the Interrupt property, as a boolean (CORE, AMQP) or a string (STOMP). */
    public static final String FILTER = "Interrupt = TRUE OR Interrupt = 'true'";

    private static final String ORIGINAL_ID = "_AMQ_ORIG_MESSAGE_ID";

    private final MessageInterrupts interrupts;

    public QueueInterrupts(MessageInterrupts interrupts) {
        this.interrupts = interrupts;
    }

    /** The copy of an interrupt, from the interrupts address: cut the task's drive now, unless the original did. */
    public void copied(Exchange exchange) throws Exception {
        Message copy = exchange.getMessage().getMandatoryBody(Message.class);
        long original = ((ActiveMQMessage) copy).getCoreMessage().getLongProperty(ORIGINAL_ID);
        interrupts.announced(new JmsMessage(copy), JmsMessage.coreKey(original));
    }
}
