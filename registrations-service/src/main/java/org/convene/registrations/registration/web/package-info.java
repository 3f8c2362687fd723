@NullMarked
package org.convene.registrations.registration.web;

import org.jspecify.annotations.NullMarked;
