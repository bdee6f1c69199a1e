package io.avatardrive.live;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live WebSocket's size limit, said to the client: a frame above {@link #MAX_FRAME_BYTES} or a message above
 * {@link #MAX_MESSAGE_BYTES} (the limits of the Vert.x server platform-http starts) is answered with a close frame 1009
 * whose reason names the limit, and nothing of it is kept: what follows is read and dropped until the client closes (at
 * most {@link #DRAIN_SECONDS}). Vert.x itself would drop the connection without a close frame, so a client saw 1006 and
 * its utterance was reported as "no audio came". It reads frame headers on the raw bytes ahead of Vert.x's decoder.
 */
final class SocketFrameLimit extends ChannelInboundHandlerAdapter {

    /** Vert.x's default largest WebSocket frame, which platform-http's server keeps. */
    static final int MAX_FRAME_BYTES = 64 * 1024;
    /** Vert.x's default largest WebSocket message (a frame and its continuations). */
    static final int MAX_MESSAGE_BYTES = 256 * 1024;
    static final long DRAIN_SECONDS = 5;

    private static final Logger LOG = LoggerFactory.getLogger(SocketFrameLimit.class);

    private final byte[] header = new byte[14];
    private int headerRead;
    private long payloadLeft;
    private long messageBytes;
    private boolean refused;

    /** Puts the limit ahead of the connection's decoder, as its upgrade request is routed. */
    static void install(RoutingContext context) {
        if ("websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"))
            && context.request().connection() instanceof ConnectionBase connection) {
            connection.channel().pipeline().addFirst("avatar-drive-frame-limit", new SocketFrameLimit());
        }
        context.next();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (refused) {
            in.release();
            return;
        }
        int index = in.readerIndex();
        int headerStart = index;
        while (index < in.writerIndex()) {
            if (payloadLeft > 0) {
                int skip = (int) Math.min(payloadLeft, in.writerIndex() - index);
                payloadLeft -= skip;
                index += skip;
                continue;
            }
            if (headerRead == 0) {
                headerStart = index;
            }
            header[headerRead++] = in.getByte(index++);
            int length = headerLength();
            if (length > 0 && headerRead == length) {
                headerRead = 0;
                String problem = measure();
                if (problem != null) {
                    // the frames before this one go on; this one and everything after it are dropped
                    if (headerStart > in.readerIndex()) {
                        ctx.fireChannelRead(in.retainedSlice(in.readerIndex(), headerStart - in.readerIndex()));
                    }
                    in.release();
                    refuse(ctx, problem);
                    return;
                }
            }
        }
        ctx.fireChannelRead(in);
    }

    /** The header's length once its first two bytes are known, else 0. */
    private int headerLength() {
        if (headerRead < 2) {
            return 0;
        }
        int length7 = header[1] & 0x7f;
        return 2 + (length7 == 126 ? 2 : length7 == 127 ? 8 : 0) + ((header[1] & 0x80) != 0 ? 4 : 0);
    }

    /** Takes the complete header's payload length; the problem if the frame or its message is too large. */
    private String measure() {
        int length7 = header[1] & 0x7f;
        long length = length7;
        if (length7 == 126) {
            length = ((header[2] & 0xffL) << 8) | (header[3] & 0xffL);
        } else if (length7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = (length << 8) | (header[i] & 0xffL);
            }
        }
        int opcode = header[0] & 0x0f;
        boolean control = (opcode & 0x08) != 0;
        boolean last = (header[0] & 0x80) != 0;
        if (length > MAX_FRAME_BYTES || length < 0) {
            return "a frame of " + (length < 0 ? "more than 2^63" : Long.toString(length)) + " bytes is larger than the "
                   + MAX_FRAME_BYTES + " a frame may hold";
        }
        if (!control) {
            messageBytes = (opcode == 0 ? messageBytes : 0) + length;
            if (messageBytes > MAX_MESSAGE_BYTES) {
                return "a message of more than " + MAX_MESSAGE_BYTES + " bytes (send audio in smaller frames)";
            }
            if (last) {
                messageBytes = 0;
            }
        }
        payloadLeft = length;
        return null;
    }

    /** Close 1009 with the reason, then the rest is read and dropped until the client closes, or for a few seconds. */
    private void refuse(ChannelHandlerContext ctx, String problem) {
        refused = true;
        LOG.warn("Closed a live WebSocket from {} with 1009: {}", ctx.channel().remoteAddress(), problem);
        byte[] reason = problem.getBytes(StandardCharsets.UTF_8);
        int reasonLength = Math.min(reason.length, 123);
        ByteBuf close = Unpooled.buffer(4 + reasonLength);
        close.writeByte(0x88).writeByte(2 + reasonLength).writeShort(1009).writeBytes(reason, 0, reasonLength);
        ctx.writeAndFlush(close);
        ctx.executor().schedule(() -> ctx.close(), DRAIN_SECONDS, TimeUnit.SECONDS);
    }
}
