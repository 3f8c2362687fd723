package org.convene.notifications.webhook.sending;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executor;
import org.convene.notifications.webhook.domain.AddressGuard;

/**
 * The only way webhook calls resolve names: every address a host resolves to is checked by {@link
 * AddressGuard} (unless the operator allows private networks), and the connection is made to the address
 * checked here, never to a second look-up (DNS rebinding). A host with any refused address is refused as a
 * whole. Look-ups run on {@code lookups}, never on the event loop.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final boolean allowPrivateNetwork;
    private final Executor lookups;

    GuardedResolverGroup(boolean allowPrivateNetwork, Executor lookups) {
        this.allowPrivateNetwork = allowPrivateNetwork;
        this.lookups = lookups;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new Guarded(executor));
    }

    List<InetAddress> lookUp(String host) throws java.net.UnknownHostException {
        var addresses = Arrays.asList(InetAddress.getAllByName(host));
        if (!allowPrivateNetwork && !addresses.stream().allMatch(AddressGuard::isPublic)) {
            throw new RefusedAddress();
        }
        return addresses;
    }

    private final class Guarded extends InetNameResolver {

        Guarded(EventExecutor executor) {
            super(executor);
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(lookUp(host).getFirst());
                } catch (Exception e) {
                    promise.tryFailure(e);
                }
            });
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            lookups.execute(() -> {
                try {
                    promise.trySuccess(lookUp(host));
                } catch (Exception e) {
                    promise.tryFailure(e);
                }
            });
        }
    }
}
