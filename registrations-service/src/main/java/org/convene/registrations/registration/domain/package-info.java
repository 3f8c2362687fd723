@NullMarked
package org.convene.registrations.registration.domain;

import org.jspecify.annotations.NullMarked;
