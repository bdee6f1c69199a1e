package io.avatardrive.queue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.Charset;

import io.avatardrive.ingress.IncomingMessage;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.apache.camel.Exchange;

/** A JMS message, from a publisher in any protocol the broker speaks, as the ingress steps read it. */
public final class JmsMessage implements IncomingMessage {

    private static final String DELIVERY_COUNT = "JMSXDeliveryCount";
    private static final int COPY_BUFFER = 64 * 1024;

    private final Message message;

    public JmsMessage(Message message) {
        this.message = message;
    }

    /** As a route step: the exchange's JMS message becomes an {@link IncomingMessage}. */
    public static void adapt(Exchange exchange) throws Exception {
        exchange.getMessage().setBody(new JmsMessage(exchange.getMessage().getMandatoryBody(Message.class)));
    }

    /** The broker key of an Artemis message id, as {@link #brokerKey()} gives it. */
    static String coreKey(long coreMessageId) {
        return "core:" + coreMessageId;
    }

    /**
     * The JMS id, or for messages that have none (STOMP, AMQP without one) the broker's own id, stable across
     * redelivery; without either a redelivery could not be told from a new clip, so the message is refused.
     */
    @Override
    public String id() {
        try {
            if (message.getJMSMessageID() != null) {
                return message.getJMSMessageID();
            }
        } catch (JMSException e) {
            throw new IllegalStateException("the message's id cannot be read: " + e.getMessage(), e);
        }
        if (message instanceof ActiveMQMessage) {
            return brokerKey();
        }
        throw new IllegalStateException("the message has no id, so a redelivery could not be told from a new clip");
    }

    /** Artemis' own message id, which its diverted copies carry as their original's. */
    @Override
    public String brokerKey() {
        return message instanceof ActiveMQMessage artemis ? coreKey(artemis.getCoreMessage().getMessageID()) : "none";
    }

    @Override
    public Object property(String name) {
        try {
            return message.getObjectProperty(name);
        } catch (JMSException e) {
            return null;
        }
    }

    @Override
    public int deliveries() {
        Integer count = integer(DELIVERY_COUNT);
        return count == null ? 1 : count;
    }

    /** Artemis delivers a large message lazily as it is read, so it is copied a buffer at a time. */
    @Override
    public long writeBody(OutputStream out, Charset textCharset, long maxBytes) throws IOException {
        try {
            if (message instanceof BytesMessage bytes) {
                if (bytes.getBodyLength() > maxBytes) {
                    return -1;
                }
                byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, bytes.getBodyLength()))];
                for (int n = bytes.readBytes(buffer); n > 0; n = bytes.readBytes(buffer)) {
                    out.write(buffer, 0, n);
                }
                return bytes.getBodyLength();
            }
            if (message instanceof TextMessage text && text.getText() != null) {
                byte[] body = text.getText().getBytes(textCharset);
                if (body.length > maxBytes) {
                    return -1;
                }
                out.write(body);
                return body.length;
            }
            return 0;
        } catch (JMSException e) {
            throw new IOException("the message's body cannot be read: " + e.getMessage(), e);
        }
    }
}
