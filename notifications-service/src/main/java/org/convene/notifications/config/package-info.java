@NullMarked
package org.convene.notifications.config;

import org.jspecify.annotations.NullMarked;
