@NullMarked
package org.convene.notifications.subscription.web;

import org.jspecify.annotations.NullMarked;
