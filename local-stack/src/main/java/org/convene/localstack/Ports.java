package org.convene.localstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;

/** Checks every port before anything starts, so a clash is one clear line rather than a half-started stack. */
final class Ports {

    private Ports() {}

    static void requireFree(Map<String, Integer> portsByOwner) {
        var owners = new java.util.HashMap<Integer, String>();
        portsByOwner.forEach((owner, port) -> {
            var other = owners.putIfAbsent(port, owner);
            if (other != null) {
                throw new StackException("Port " + port + " is given to both the " + other + " and the " + owner
                        + ": choose another port for one of them.");
            }
        });
        portsByOwner.forEach((owner, port) -> {
            if (!isFree(port)) {
                throw new StackException("Port " + port + " for the " + owner + " is already in use: stop what listens"
                        + " there (another Convene?) or choose another port with that variable.");
            }
        });
    }

    static boolean isFree(int port) {
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            return false;
        }
        // A server bound to all interfaces would not stop a loopback bind on some systems.
        try (var socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
