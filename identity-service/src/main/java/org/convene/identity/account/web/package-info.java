@NullMarked
package org.convene.identity.account.web;

import org.jspecify.annotations.NullMarked;
