@NullMarked
package org.convene.notifications.subscription.domain;

import org.jspecify.annotations.NullMarked;
