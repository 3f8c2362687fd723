@NullMarked
package org.convene.registrations.registration.messaging;

import org.jspecify.annotations.NullMarked;
